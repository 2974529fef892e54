/* Another style: a char pointer, strcpy, puts. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    const size_t len = 4096;
    int fd = open("/dev/zero", O_RDWR | O_CLOEXEC);
    if (fd == -1) { perror("open"); return 1; }
    char *page = mmap(0, len, PROT_WRITE | PROT_READ, MAP_SHARED, fd, 0);
    if (page == MAP_FAILED) { perror("mmap"); return 1; }
    strcpy(page, "Shared Memory: Hello from user space");
    puts(page);
    if (munmap(page, len) != 0) perror("munmap");
    close(fd);
    return 0;
}
