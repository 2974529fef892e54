#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fd = open("/dev/zero", O_RDWR);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        strcpy(page, "hello from the child");
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    if (page[0] == '\0')
        printf("The child's write stayed in the child\n");
    else
        printf("The parent saw the child's write\n");
    munmap(page, 4096);
    close(fd);
    return 0;
}
